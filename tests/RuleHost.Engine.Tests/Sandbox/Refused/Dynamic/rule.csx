dynamic d = 1;
d.Anything();
