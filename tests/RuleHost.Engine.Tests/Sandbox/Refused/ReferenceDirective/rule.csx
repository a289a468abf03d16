#r "System.Net.Http.dll"
var x = 1;
