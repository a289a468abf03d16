var ok = Regex.IsMatch("aaaa", "(a+)+$", RegexOptions.None, TimeSpan.FromHours(1));
