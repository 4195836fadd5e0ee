using System.Text;

namespace ImmersiveLab.Imaging;

/// <summary>One field of a protobuf message as it is on the wire.</summary>
/// <param name="Encoded">The whole field, tag included, to copy it unchanged.</param>
/// <param name="Payload">For length-delimited fields the content; otherwise empty.</param>
public readonly record struct ProtobufField(int Number, int WireType, ulong Varint, ReadOnlyMemory<byte> Payload, ReadOnlyMemory<byte> Encoded)
{
    public const int VarintType = 0, Fixed64Type = 1, LengthDelimitedType = 2, Fixed32Type = 5;

    public string PayloadString => Encoding.UTF8.GetString(Payload.Span);
}

/// <summary>
/// The protobuf wire format, just enough to read and re-emit ONNX models without generated classes:
/// messages are sequences of (tag, value); a repeated or embedded field may be appended anywhere.
/// </summary>
public static class ProtobufWire
{
    public static IEnumerable<ProtobufField> ReadFields(ReadOnlyMemory<byte> message)
    {
        var pos = 0;
        while (pos < message.Length)
        {
            var start = pos;
            var tag = ReadVarint(message.Span, ref pos);
            var number = (int)(tag >> 3);
            var wireType = (int)(tag & 7);
            ulong varint = 0;
            var payload = ReadOnlyMemory<byte>.Empty;
            switch (wireType)
            {
                case ProtobufField.VarintType:
                    varint = ReadVarint(message.Span, ref pos);
                    break;
                case ProtobufField.Fixed64Type:
                    payload = Slice(message, ref pos, 8);
                    break;
                case ProtobufField.LengthDelimitedType:
                    var length = ReadVarint(message.Span, ref pos);
                    if (length > (ulong)(message.Length - pos)) throw new InvalidDataException("Protobuf length runs past the end of the message.");
                    payload = Slice(message, ref pos, (int)length);
                    break;
                case ProtobufField.Fixed32Type:
                    payload = Slice(message, ref pos, 4);
                    break;
                default:
                    throw new InvalidDataException($"Unsupported protobuf wire type {wireType} at byte {start}.");
            }
            yield return new ProtobufField(number, wireType, varint, payload, message[start..pos]);
        }
    }

    public static void WriteVarint(Stream output, ulong value)
    {
        while (value >= 0x80)
        {
            output.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        output.WriteByte((byte)value);
    }

    public static void WriteLengthDelimited(Stream output, int fieldNumber, ReadOnlySpan<byte> payload)
    {
        WriteVarint(output, ((ulong)fieldNumber << 3) | ProtobufField.LengthDelimitedType);
        WriteVarint(output, (ulong)payload.Length);
        output.Write(payload);
    }

    public static void WriteVarintField(Stream output, int fieldNumber, ulong value)
    {
        WriteVarint(output, (ulong)fieldNumber << 3);
        WriteVarint(output, value);
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int pos)
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (pos >= data.Length) throw new InvalidDataException("Protobuf varint runs past the end of the message.");
            var b = data[pos++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw new InvalidDataException("Protobuf varint is too long.");
    }

    private static ReadOnlyMemory<byte> Slice(ReadOnlyMemory<byte> message, ref int pos, int length)
    {
        if (length > message.Length - pos) throw new InvalidDataException("Protobuf field runs past the end of the message.");
        var slice = message.Slice(pos, length);
        pos += length;
        return slice;
    }
}
