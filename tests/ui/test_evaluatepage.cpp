// Tests of the evaluatepage (to be written).
