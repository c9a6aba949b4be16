import Foundation
import PackagePlugin

/// Embeds `Rules/sgcc-95598.yml` into the target as generated Swift, so the binary carries its pack.
@main
struct EmbedRulePack: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let pack = context.package.directoryURL.appending(path: "Rules/sgcc-95598.yml")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedRulePack.swift")
        return [
            .buildCommand(
                displayName: "Embedding rule pack sgcc-95598",
                executable: try context.tool(named: "RulePackEmbedder").url,
                arguments: [pack.path(), output.path()],
                inputFiles: [pack],
                outputFiles: [output]
            )
        ]
    }
}
