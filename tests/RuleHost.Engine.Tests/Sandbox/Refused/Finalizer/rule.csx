class Zombie { ~Zombie() { } }
