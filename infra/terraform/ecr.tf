# One repository for the server image and one per runner image recipe (several languages may
# share one image). The deploy workflow pushes the server as :<commit sha> and each runner image
# as :<recipe hash>. Tags are immutable: a tag always names the image that was first pushed
# under it, so what a task runs can't be swapped behind the deploy's back.

resource "aws_ecr_repository" "server" {
  name                 = "${var.ecr_repository_prefix}/server"
  image_tag_mutability = "IMMUTABLE"
  force_delete         = var.ecr_force_delete

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "AES256"
  }
}

resource "aws_ecr_repository" "runner" {
  for_each = toset(var.runner_images)

  name                 = "${var.ecr_repository_prefix}/${each.key}"
  image_tag_mutability = "IMMUTABLE"
  force_delete         = var.ecr_force_delete

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "AES256"
  }
}

locals {
  ecr_lifecycle_policy = jsonencode({
    rules = [
      {
        rulePriority = 1
        description  = "Expire untagged images (superseded pushes) after 7 days"
        selection = {
          tagStatus   = "untagged"
          countType   = "sinceImagePushed"
          countUnit   = "days"
          countNumber = 7
        }
        action = { type = "expire" }
      },
      {
        rulePriority = 2
        description  = "Keep the ${var.ecr_keep_images} most recent images"
        selection = {
          tagStatus   = "any"
          countType   = "imageCountMoreThan"
          countNumber = var.ecr_keep_images
        }
        action = { type = "expire" }
      },
    ]
  })
}

resource "aws_ecr_lifecycle_policy" "server" {
  repository = aws_ecr_repository.server.name
  policy     = local.ecr_lifecycle_policy
}

resource "aws_ecr_lifecycle_policy" "runner" {
  for_each = aws_ecr_repository.runner

  repository = each.value.name
  policy     = local.ecr_lifecycle_policy
}
