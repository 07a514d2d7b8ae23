#!/usr/bin/env bash
set -eu
echo "Greetings, $1, from an included job."
