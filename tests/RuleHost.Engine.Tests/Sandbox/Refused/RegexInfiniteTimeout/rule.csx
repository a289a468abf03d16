var r = new Regex("(a+)+$", RegexOptions.None, Regex.InfiniteMatchTimeout);
