#line 626 "book/00-preface.nw"
/* Generated from book/00-preface.nw; do not edit. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include "gengs-core.h"

int ggs_mkdirs(const char *path)
{
    char buf[4096];
    size_t len = strlen(path);
    if (len == 0 || len >= sizeof buf) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(buf, path, len + 1);
    
#line 647 "book/00-preface.nw"
/* create each parent of buf in turn */
for (char *p = buf + 1; *p != '\0'; p++) {
    if (*p != '/')
        continue;
    *p = '\0';
    if (mkdir(buf, 0777) != 0 && errno != EEXIST)
        return -1;
    *p = '/';
}
#line 642 "book/00-preface.nw"
    return mkdir(buf, 0777) != 0 && errno != EEXIST ? -1 : 0;
}
