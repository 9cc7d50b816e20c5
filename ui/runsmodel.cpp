#include "runsmodel.h"
