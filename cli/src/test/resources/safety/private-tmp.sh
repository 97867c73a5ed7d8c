#!/bin/sh
# Only /tmp private: a tmpfs over it in a new mount namespace; / is the host's (issue 11: the
# library went to the host's /tmp, which the target cannot see).
# usage (under unshare -m --propagation private): private-tmp.sh USER cmd...
set -e
U=$1; shift
mount -t tmpfs -o mode=1777 tmpfs /tmp
exec runuser -u "$U" -- "$@"
