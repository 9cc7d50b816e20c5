// Tests of the trainconfigform (to be written).
