var t = "x".GetType();
