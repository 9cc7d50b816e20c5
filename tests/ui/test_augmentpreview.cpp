// Tests of the augmentpreview (to be written).
