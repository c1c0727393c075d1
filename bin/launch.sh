# Sourced by bin/socd and bin/soc: build a module's fat jar when it is missing or older than
# any source it is made of, then run it. Not executable on its own.
#   launch MODULE JAR "$@"
launch() {
  local module=$1 jar_name=$2
  shift 2
  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  local jar="$root/$module/target/$jar_name"
  local sources=("$root/pom.xml")
  local m
  for m in protocol rules correlator collector cli; do
    sources+=("$root/$m/pom.xml" "$root/$m/src/main")
  done
  if [ ! -f "$jar" ] || [ -n "$(find "${sources[@]}" -newer "$jar" -print -quit 2>/dev/null)" ]; then
    echo "$(basename "$0"): building $jar_name (first run, or the sources changed) ..." >&2
    command -v mvn >/dev/null || { echo "$(basename "$0"): Maven (mvn) is needed to build; install it (apt-get install maven)" >&2; exit 1; }
    # -Dmaven.test.skip: the launcher builds to run, `mvn -B verify` is where the tests run.
    local log
    log="$(mktemp)"
    if ! (cd "$root" && mvn -B -Dmaven.test.skip=true -pl "$module" -am package) >"$log" 2>&1; then
      grep -E '\[ERROR\]' "$log" | head -40 >&2
      echo "$(basename "$0"): the build failed (full log: $log); 'mvn -B -pl $module -am package' in $root shows it again" >&2
      exit 1
    fi
    rm -f "$log"
  fi
  exec java ${SOCD_JAVA_OPTS:-} -jar "$jar" "$@"
}
