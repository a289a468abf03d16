var t = new InvalidOperationException().GetType().Assembly;
