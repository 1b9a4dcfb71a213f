#line 109 "book/34-command.nw"
/* Generated from book/34-command.nw; do not edit. */
#include <stdio.h>
#include "cli.h"

int main(int argc, char **argv)
{
    return ggs_cli_main(argc, argv, stdout, stderr);
}
