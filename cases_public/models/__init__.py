"""Models of the public record. One module per concern; import them here for Django."""
