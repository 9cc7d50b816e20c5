#include "runspanel.h"
