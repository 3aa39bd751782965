"""Face Value: the activities (one module each), their shared UI pieces and the engine."""
