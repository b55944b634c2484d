#!/usr/bin/env bash
# Starts a local single-node Apache Kafka 3.9 (KRaft: broker + controller in one JVM) on
# 127.0.0.1:9092 from the official jars on Maven Central; no Docker. Idempotent: a broker that
# already answers is left alone. Stop it with kafka-down.sh.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
run="$here/run"
lib="$here/lib"
port="${XIANJIE_KAFKA_PORT:-9092}"
controller_port="${XIANJIE_KAFKA_CONTROLLER_PORT:-9093}"
brokers="127.0.0.1:$port"
pid_file="$run/kafka.pid"
log_file="$run/kafka.log"
started_at=$(date +%s)

# 0 = a Kafka broker answers a metadata request; else falls back to "the port accepts connections"
# when kafkajs is not installed yet.
answers() {
  local status=0
  node "$here/probe.mjs" "$brokers" 2000 || status=$?
  if [ "$status" -eq 2 ]; then
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0 || return 1
  fi
  return "$status"
}

if answers; then
  echo "kafka: a broker already answers on $brokers; nothing to do."
  exit 0
fi

if [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
  echo "kafka: process $(cat "$pid_file") is running but does not answer yet; waiting for it."
else
  command -v java >/dev/null || { echo "kafka: java (17+) is required on PATH" >&2; exit 1; }
  mkdir -p "$run"

  # 1. The jars, once (lib/ is gitignored).
  if ! ls "$lib"/kafka_2.13-*.jar >/dev/null 2>&1; then
    command -v mvn >/dev/null || { echo "kafka: mvn is required to fetch the Kafka jars" >&2; exit 1; }
    echo "kafka: fetching the Kafka jars from Maven Central into $lib ..."
    (cd "$here" && mvn -q -B -Dstyle.color=never dependency:copy-dependencies -DoutputDirectory=lib -DincludeScope=runtime)
  fi

  # 2. The broker configuration (rewritten each time so an edit here takes effect).
  cat >"$run/server.properties" <<PROPS
# Written by infra/kafka/kafka-up.sh; edit the script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$run/data
# Topics are created explicitly through the admin client (packages/messaging ensureTopics).
auto.create.topics.enable=false
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=10
group.initial.rebalance.delay.ms=0
log.retention.hours=72
log.segment.bytes=67108864
PROPS

  # 3. Format the storage once, with a cluster id kept beside it.
  if [ ! -f "$run/data/meta.properties" ]; then
    cluster_id="$(java -cp "$lib/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)"
    echo "$cluster_id" >"$run/cluster.id"
    java -Dlog4j.configuration="file:$here/log4j.properties" -cp "$lib/*" \
      kafka.tools.StorageTool format -t "$cluster_id" -c "$run/server.properties" >"$run/format.log" 2>&1 \
      || { cat "$run/format.log" >&2; exit 1; }
    echo "kafka: formatted $run/data (cluster id $cluster_id)"
  fi

  # 4. Start the broker in the background, in a session of its own: a test runner or task runner
  # that started this script may kill its process group when it ends, and the broker must outlive it.
  echo "kafka: starting the broker on $brokers (log: $log_file)"
  setsid nohup java -Xms256m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$here/log4j.properties" -Dkafka.logs.dir="$run" \
    -cp "$lib/*" kafka.Kafka "$run/server.properties" >>"$log_file" 2>&1 </dev/null &
  echo $! >"$pid_file"
fi

# 5. Wait until it answers (at most 60 s).
for _ in $(seq 1 60); do
  if answers; then
    echo "kafka: up on $brokers after $(( $(date +%s) - started_at )) s (pid $(cat "$pid_file"); log: $log_file)"
    exit 0
  fi
  if ! kill -0 "$(cat "$pid_file")" 2>/dev/null; then
    echo "kafka: the broker exited; last lines of $log_file:" >&2
    tail -n 30 "$log_file" >&2
    exit 1
  fi
  sleep 1
done
echo "kafka: no answer on $brokers after 60 s; see $log_file" >&2
exit 1
