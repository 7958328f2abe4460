# Our own Atlas project file, written before kit.
env "local" {
  dir = "file://migrations"
}
