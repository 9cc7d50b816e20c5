#pragma once
// Precompiled header for engine/ sources only: never included from a public header.
#include <torch/torch.h>
