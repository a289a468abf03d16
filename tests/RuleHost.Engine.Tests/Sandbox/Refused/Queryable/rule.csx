var q = new[] { 1 }.AsQueryable();
