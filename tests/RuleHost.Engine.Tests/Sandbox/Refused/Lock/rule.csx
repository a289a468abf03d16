lock (new object()) { }
