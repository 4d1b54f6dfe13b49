import AIMeterCLI

await AIMeterCommand.runFromCommandLine()
