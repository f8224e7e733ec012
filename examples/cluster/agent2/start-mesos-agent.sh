#!/bin/sh
exec /usr/sbin/mesos-agent \
  --master=zk://10.0.0.11:2181/mesos,10.0.0.12:2181/mesos,10.0.0.13:2181/mesos \
  --work_dir=/var/lib/mesos \
  --containerizers=mesos \
  --ip=10.0.0.32
