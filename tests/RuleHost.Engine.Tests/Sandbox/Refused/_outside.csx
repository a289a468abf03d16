// A file outside each scenario folder: loading it from a scenario must be refused.
var outside = 1;
