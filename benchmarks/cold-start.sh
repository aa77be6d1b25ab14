#!/usr/bin/env bash
# Measures how long a fresh JVM takes to have an engine ready: runs ColdStart N times (default 10) in fresh JVMs,
# for the India pack alone and with a small user pack beside it, and prints the median, minimum and maximum of each
# figure (the median is the middle run's, the lower one for an even count), with the load average before and after.
# Build first: mvn -q -B -ntp -pl benchmarks -am package -DskipTests
# Usage: benchmarks/cold-start.sh [runs] [modes...]   (modes: india user user-unrestricted)
# CACHE=1 gives the engine a compiled-model cache in a new temporary directory and fills it with one start of each
# mode first, so that the runs measured load the user pack from it (docs/performance.md, the compiled-model cache).
# SHIPPED=1 instead writes each mode's compiled model, with one start, into a jar put on the class path of the runs
# measured, which have no cache: as an application that ships its packs' compiled model (docs/performance.md,
# compiled models shipped on the class path).
# CDS=1 measures with an application class-data archive, made first from one India-pack start, or with CACHE=1 or
# SHIPPED=1 from one start with the user pack loaded from the cache or the jar (as the niyam command makes its own;
# docs/performance.md, cold start).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
runs="${1:-10}"
shift || true
modes=("$@")
[ ${#modes[@]} -eq 0 ] && modes=(india user user-unrestricted)
cp="$(ls "$here"/target/benchmarks-*.jar | grep -v -e sources -e javadoc | head -1):$(ls "$here"/target/lib/*.jar | tr '\n' ':')"
cp="${cp%:}"
cache=()
if [ "${CACHE:-0}" = 1 ]; then
  cache_dir="$(mktemp -d)"
  cache=(-Dniyam.cold-start.cache="$cache_dir")
  for mode in "${modes[@]}"; do
    java -Xshare:auto "${cache[@]}" -cp "$cp" org.niyam.compliance.benchmarks.ColdStart "$mode" >/dev/null
  done
  echo "compiled-model cache: $cache_dir ($(ls "$cache_dir" | wc -l) entries), filled by one start of each mode"
fi
if [ "${SHIPPED:-0}" = 1 ]; then
  shipped_dir="$(mktemp -d)"
  for mode in "${modes[@]}"; do
    java -Xshare:auto -Dniyam.cold-start.cache="$shipped_dir/META-INF/niyam/compiled-models" -cp "$cp" \
      org.niyam.compliance.benchmarks.ColdStart "$mode" >/dev/null
  done
  # In a jar, as an application ships them (a class-data archive takes no folder that holds files on its class path).
  jar --create --file "$shipped_dir/shipped.jar" -C "$shipped_dir" META-INF
  cp="$shipped_dir/shipped.jar:$cp"
  echo "shipped compiled models: $shipped_dir/shipped.jar ($(ls "$shipped_dir/META-INF/niyam/compiled-models" \
    | wc -l) entries), on the class path"
fi
share=(-Xshare:auto)
if [ "${CDS:-0}" = 1 ]; then
  archive="$here/target/cold-start.jsa"
  classes="$(mktemp)"
  # With a cache, from a start that loads the user pack from it (as the niyam command makes its archive).
  list_mode=india
  if [ ${#cache[@]} -gt 0 ] || [ -n "${shipped_dir:-}" ]; then
    for mode in "${modes[@]}"; do
      if [ "$list_mode" = india ] && [ "$mode" != india ]; then list_mode="$mode"; fi
    done
  fi
  java -Xshare:off -XX:DumpLoadedClassList="$classes" ${cache[@]+"${cache[@]}"} -cp "$cp" \
    org.niyam.compliance.benchmarks.ColdStart "$list_mode" >/dev/null
  java -Xshare:dump -XX:SharedClassListFile="$classes" -XX:SharedArchiveFile="$archive" -Xlog:disable -cp "$cp" \
    >/dev/null
  rm -f "$classes"
  share=(-Xshare:auto -XX:SharedArchiveFile="$archive")
  echo "class-data archive: $archive ($(du -h "$archive" | cut -f1)), from one start of mode $list_mode"
fi
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) processors; $(java -version 2>&1 | head -1)"
for mode in "${modes[@]}"; do
  out="$(mktemp)"
  for ((i = 0; i < runs; i++)); do
    java "${share[@]}" ${cache[@]+"${cache[@]}"} ${COLD_START_JAVA_OPTS:-} -cp "$cp" \
      org.niyam.compliance.benchmarks.ColdStart "$mode" \
      | grep '^mode=' >> "$out"
  done
  line="$(printf '%-18s %d runs:' "$mode" "$runs")"
  for name in $(head -1 "$out" | tr ' ' '\n' | cut -d= -f1 | grep -v '^mode$'); do
    values="$(grep -o " $name=[0-9]*" "$out" | cut -d= -f2 | sort -n)"
    n=$(echo "$values" | wc -l)
    median=$(echo "$values" | sed -n "$(( (n + 1) / 2 ))p")
    line+=" $name $median [$(echo "$values" | head -1)..$(echo "$values" | tail -1)]"
  done
  echo "$line"
  rm -f "$out"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "${cache_dir:-}" ]; then rm -rf "$cache_dir"; fi
if [ -n "${shipped_dir:-}" ]; then rm -rf "$shipped_dir"; fi
