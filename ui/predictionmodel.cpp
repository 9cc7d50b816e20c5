#include "predictionmodel.h"
