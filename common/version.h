#ifndef BB_VERSION_H
#define BB_VERSION_H
#define BB_VERSION	"0.1.0"
#endif
