/// The wire types (messages, resource names, proto3 JSON, RPC codes) are part of the client's API: `import
/// AutoMLClient` brings them.
@_exported public import AutoMLWire
