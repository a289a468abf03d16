#load "../_outside.csx"
var x = 1;
