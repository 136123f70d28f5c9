"""The commands people run (`gceg`): build, serve, scaffolds, publish, the offline bundle
and the change report. The only stage that may import every other."""
