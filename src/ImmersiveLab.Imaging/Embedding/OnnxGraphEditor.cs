using System.Buffers.Binary;
using System.Text;

namespace ImmersiveLab.Imaging;

/// <summary>
/// Reads and edits an ONNX model (a protobuf <c>ModelProto</c>) in memory, without generated classes.
/// Field numbers are those of onnx.proto: ModelProto.graph = 7; GraphProto.node = 1, initializer = 5,
/// output = 12; NodeProto.input = 1, output = 2, op_type = 4; TensorProto.data_type = 2, float_data = 4,
/// int32_data = 5, name = 8, raw_data = 9; ValueInfoProto.name = 1, type = 2; TypeProto.tensor_type = 1;
/// TypeProto.Tensor.elem_type = 1.
/// </summary>
public static class OnnxGraphEditor
{
    public const int ElementTypeFloat = 1;
    public const int ElementTypeUInt8 = 2;

    private const int ModelGraph = 7;
    private const int GraphNode = 1, GraphInitializer = 5, GraphOutput = 12;
    private const int NodeInput = 1, NodeOutput = 2, NodeOpType = 4;
    private const int TensorDataType = 2, TensorFloatData = 4, TensorInt32Data = 5, TensorName = 8, TensorRawData = 9;

    /// <summary>Returns a copy of the model with <paramref name="tensorName"/> added as a graph output.</summary>
    public static byte[] AddGraphOutput(byte[] model, string tensorName, int elementType)
    {
        var graph = Graph(model);
        if (GraphOutputNames(graph).Contains(tensorName)) return model;
        if (FindProducer(graph, tensorName) is null)
            throw new InvalidDataException($"The model has no tensor named '{tensorName}'.");

        using var tensorType = new MemoryStream();
        ProtobufWire.WriteVarintField(tensorType, 1, (ulong)elementType);
        using var type = new MemoryStream();
        ProtobufWire.WriteLengthDelimited(type, 1, tensorType.ToArray());
        using var valueInfo = new MemoryStream();
        ProtobufWire.WriteLengthDelimited(valueInfo, 1, Encoding.UTF8.GetBytes(tensorName));
        ProtobufWire.WriteLengthDelimited(valueInfo, 2, type.ToArray());

        // Repeated fields may appear anywhere in a message, so appending the new output is enough.
        using var newGraph = new MemoryStream();
        newGraph.Write(graph.Span);
        ProtobufWire.WriteLengthDelimited(newGraph, GraphOutput, valueInfo.ToArray());

        using var newModel = new MemoryStream(model.Length + 64);
        foreach (var field in ProtobufWire.ReadFields(model))
        {
            if (field.Number == ModelGraph) ProtobufWire.WriteLengthDelimited(newModel, ModelGraph, newGraph.ToArray());
            else newModel.Write(field.Encoded.Span);
        }
        return newModel.ToArray();
    }

    public static IReadOnlyList<string> GraphOutputNames(byte[] model) => GraphOutputNames(Graph(model));

    /// <summary>The node that produces <paramref name="tensorName"/>: its operator and its input names.</summary>
    public static (string OpType, IReadOnlyList<string> Inputs)? FindProducer(byte[] model, string tensorName) => FindProducer(Graph(model), tensorName);

    /// <summary>The single value of a scalar initializer, as a double (float, uint8, int8 or int32 data).</summary>
    public static double ReadScalarInitializer(byte[] model, string name)
    {
        foreach (var field in ProtobufWire.ReadFields(Graph(model)))
        {
            if (field.Number != GraphInitializer) continue;
            var tensor = ProtobufWire.ReadFields(field.Payload).ToList();
            if (tensor.FirstOrDefault(f => f.Number == TensorName).PayloadString != name) continue;
            var dataType = (int)tensor.FirstOrDefault(f => f.Number == TensorDataType).Varint;
            foreach (var f in tensor)
            {
                switch (f.Number)
                {
                    case TensorFloatData:
                        return f.WireType == ProtobufField.Fixed32Type || f.WireType == ProtobufField.LengthDelimitedType
                            ? BinaryPrimitives.ReadSingleLittleEndian(f.Payload.Span)
                            : throw new InvalidDataException($"Unexpected encoding of initializer '{name}'.");
                    case TensorInt32Data:
                        return f.WireType == ProtobufField.VarintType ? (int)f.Varint : ProtobufWire.ReadFields(Varints(f.Payload)).First().Varint;
                    case TensorRawData:
                        return dataType switch
                        {
                            ElementTypeFloat => BinaryPrimitives.ReadSingleLittleEndian(f.Payload.Span),
                            ElementTypeUInt8 => f.Payload.Span[0],
                            3 => (sbyte)f.Payload.Span[0],
                            6 => BinaryPrimitives.ReadInt32LittleEndian(f.Payload.Span),
                            _ => throw new InvalidDataException($"Initializer '{name}' has unsupported data type {dataType}."),
                        };
                }
            }
            throw new InvalidDataException($"Initializer '{name}' has no data.");
        }
        throw new InvalidDataException($"The model has no initializer named '{name}'.");
    }

    private static ReadOnlyMemory<byte> Graph(byte[] model)
    {
        foreach (var field in ProtobufWire.ReadFields(model))
            if (field.Number == ModelGraph && field.WireType == ProtobufField.LengthDelimitedType)
                return field.Payload;
        throw new InvalidDataException("Not an ONNX model: no graph found.");
    }

    private static List<string> GraphOutputNames(ReadOnlyMemory<byte> graph) =>
        ProtobufWire.ReadFields(graph).Where(f => f.Number == GraphOutput)
            .Select(f => ProtobufWire.ReadFields(f.Payload).First(v => v.Number == 1).PayloadString).ToList();

    private static (string OpType, IReadOnlyList<string> Inputs)? FindProducer(ReadOnlyMemory<byte> graph, string tensorName)
    {
        foreach (var field in ProtobufWire.ReadFields(graph))
        {
            if (field.Number != GraphNode) continue;
            var node = ProtobufWire.ReadFields(field.Payload).ToList();
            if (node.Any(f => f.Number == NodeOutput && f.PayloadString == tensorName))
                return (node.First(f => f.Number == NodeOpType).PayloadString,
                        node.Where(f => f.Number == NodeInput).Select(f => f.PayloadString).ToList());
        }
        return null;
    }

    // A packed repeated varint field is a run of bare varints: prefix each with a field-1 tag to reuse the reader.
    private static byte[] Varints(ReadOnlyMemory<byte> packed) => [0x08, .. packed.Span];
}
