namespace ImmersiveLab.Sandbox.Provisioning;

/// <summary>A learner's sandbox could not be reached or created; the message is meant for the learner.</summary>
public sealed class LabUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
