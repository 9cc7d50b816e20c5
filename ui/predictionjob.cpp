#include "predictionjob.h"
