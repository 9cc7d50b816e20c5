// Tests of the predictpage (to be written).
