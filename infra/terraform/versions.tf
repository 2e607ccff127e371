terraform {
  # 1.11: write-only attributes (the database password is set only when its version changes); 1.6: the s3
  # backend's current options.
  required_version = ">= 1.11.0, < 2.0.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # 5.x: instance refresh's scale_in_protected_instances, managed draining of capacity providers;
      # 5.95: the write-only password attributes of RDS and Secrets Manager.
      version = "~> 5.95"
    }
  }

  # Remote state in S3, configured at init time (a partial configuration), so that no account
  # detail is committed:
  #
  #   terraform init -backend-config=backend.hcl
  #
  # with a backend.hcl like backend.hcl.example beside this file (bucket, key, region, and
  # use_lockfile = true for S3-native locking on Terraform >= 1.10, or dynamodb_table before it).
  # For a local state instead (a quick try-out), run `terraform init -backend=false` for
  # validation only, or copy backend_override.tf.example to backend_override.tf.
  backend "s3" {}
}
