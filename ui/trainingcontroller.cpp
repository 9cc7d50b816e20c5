#include "trainingcontroller.h"
