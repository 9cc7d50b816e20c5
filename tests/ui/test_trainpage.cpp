// Tests of the trainpage (to be written).
