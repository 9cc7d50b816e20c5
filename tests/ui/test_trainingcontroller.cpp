// Tests of the trainingcontroller (to be written).
