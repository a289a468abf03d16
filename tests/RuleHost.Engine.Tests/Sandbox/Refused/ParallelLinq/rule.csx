var p = new[] { 1 }.AsParallel().Sum();
