#include "thresholdchart.h"
