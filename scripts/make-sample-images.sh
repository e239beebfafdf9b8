#!/usr/bin/env bash
# Draws sample-images/ again with the project's own Java2D generator (dev.tessera.desktop.samples).
# Usage: scripts/make-sample-images.sh [DIR]   (default: sample-images)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/find-jdk.sh
./mvnw -B -q -ntp -DskipTests compile -pl desktop -am
"$JAVA_HOME/bin/java" -Djava.awt.headless=true -cp desktop/target/classes \
  dev.tessera.desktop.samples.SampleImageGenerator "${1:-sample-images}"
