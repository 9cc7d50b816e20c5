#include "evaluationjob.h"
