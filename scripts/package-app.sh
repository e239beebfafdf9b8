#!/usr/bin/env bash
# Builds a self-contained Tessera app image (the desktop app with its own Java runtime) with jpackage.
# Usage: scripts/package-app.sh [DEST]        (default DEST: target/app-image)
# Result: DEST/Tessera/bin/Tessera  - with no arguments it opens the window; with arguments it is the command line.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/find-jdk.sh
dest="${1:-target/app-image}"
input=desktop/target/jpackage-input

./mvnw -B -q -ntp -DskipTests package -pl desktop -am
rm -rf "$input" "$dest/Tessera"
./mvnw -B -q -ntp dependency:copy-dependencies -pl desktop -DincludeScope=runtime -DoutputDirectory=target/jpackage-input
jar=$(ls desktop/target/desktop-*.jar | grep -v -- '-tests.jar' | head -1)
cp "$jar" "$input/"
cp -r sample-images "$input/sample-images"
# The demo model copies the Llama 3.2 tokenizer from the conformance fixture when it is beside the checkout.
if [ -f ../shared/fixtures/tiny-mllama/tokenizer.json ]; then
  mkdir -p "$input/demo-tokenizer"
  cp ../shared/fixtures/tiny-mllama/{tokenizer.json,tokenizer_config.json,special_tokens_map.json,chat_template.json} "$input/demo-tokenizer/" 2>/dev/null || true
fi
modules=$(jdeps --multi-release 25 --ignore-missing-deps --print-module-deps --class-path "$input/*" "$input/$(basename "$jar")")
jpackage --type app-image --name Tessera --app-version 0.1.0 --dest "$dest" --input "$input" \
  --main-jar "$(basename "$jar")" --main-class dev.tessera.cli.Main \
  --add-modules "$modules,jdk.incubator.vector,jdk.management" \
  --java-options "--add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xss4m -XX:+UseParallelGC"
echo "app image: $dest/Tessera (run $dest/Tessera/bin/Tessera)"
