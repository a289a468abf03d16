Environment.Exit(1);
