#!/bin/sh
# A container as the host sees one, without docker: its own mount namespace whose root is a
# tmpfs (pivot_root), /usr /etc /dev and the test's work directory bound in, and /tmp an
# ABSOLUTE symbolic link to /var/tmp (issue 11: root's jspy followed it to the host's /var/tmp).
# usage (under unshare -m --propagation private --pid --fork): container.sh ROOT WORK USER cmd...
set -e
R=$1; W=$2; U=$3; shift 3
mkdir -p "$R"
mount -t tmpfs -o mode=755 tmpfs "$R"
cd "$R"
mkdir -p usr etc proc dev var/tmp oldroot "./$W"
ln -s usr/bin bin; ln -s usr/lib lib; ln -s usr/lib64 lib64; ln -s usr/sbin sbin
ln -s /var/tmp tmp
chmod 1777 var/tmp
mount --rbind /usr usr; mount --rbind /etc etc; mount --rbind /dev dev; mount --rbind "$W" "./$W"
mount -t proc proc proc
pivot_root . oldroot
umount -l /oldroot
cd /
exec runuser -u "$U" -- "$@"
