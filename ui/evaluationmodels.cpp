#include "evaluationmodels.h"
