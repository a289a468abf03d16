var types = new List<Type>();
