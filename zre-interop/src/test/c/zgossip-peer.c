/*  czmq's own ZGossip (zgossip actor), the independent implementation the interop tests talk to.
    zgossip-peer hub BIND-ENDPOINT           a hub (czmq's zgossip server)
    zgossip-peer client HUB KEY VALUE        a client that publishes one tuple
    Both print "READY" once set up and "DELIVER <key> <value>" for every tuple they receive,
    one line each, until killed.                                                                  */
#include <czmq.h>

int main (int argc, char *argv [])
{
    setvbuf (stdout, NULL, _IOLBF, 0);
    int hub = argc == 3 && streq (argv [1], "hub");
    int client = argc == 5 && streq (argv [1], "client");
    if (!hub && !client) {
        fprintf (stderr, "usage: zgossip-peer hub ENDPOINT | zgossip-peer client HUB KEY VALUE\n");
        return 2;
    }
    zactor_t *gossip = zactor_new (zgossip, argv [1]);
    assert (gossip);
    if (getenv ("ZGOSSIP_VERBOSE"))
        zstr_send (gossip, "VERBOSE");
    if (hub)
        zstr_sendx (gossip, "BIND", argv [2], NULL);
    else {
        zstr_sendx (gossip, "CONNECT", argv [2], NULL);
        zstr_sendx (gossip, "PUBLISH", argv [3], argv [4], NULL);
    }
    printf ("READY\n");
    while (!zsys_interrupted) {
        char *command = NULL, *key = NULL, *value = NULL;
        if (zstr_recvx (gossip, &command, &key, &value, NULL) == -1)
            break;                  //  interrupted
        if (command && streq (command, "DELIVER"))
            printf ("DELIVER %s %s\n", key, value);
        zstr_free (&command); zstr_free (&key); zstr_free (&value);
    }
    zactor_destroy (&gossip);
    return 0;
}
