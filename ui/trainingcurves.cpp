#include "trainingcurves.h"
