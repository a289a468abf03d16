static int Big() { Span<byte> s = stackalloc byte[100_000_000]; return s.Length; }
